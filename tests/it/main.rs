
mod decode;
