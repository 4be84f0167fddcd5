// OpenBLAS (CBLAS) and LAPACKE from Debian's libopenblas-dev and liblapacke-dev.
#ifndef DIST_CBLAS_SHIM_H
#define DIST_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
