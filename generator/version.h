#ifndef TEBIKI_VERSION
#define TEBIKI_VERSION "0.1.0"
#endif
