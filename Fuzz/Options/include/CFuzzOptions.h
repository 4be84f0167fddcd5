// Sanitizer options built into the fuzz targets (see options.c).
#ifndef CFUZZOPTIONS_H
#define CFUZZOPTIONS_H
const char *__asan_default_options(void);
#endif
