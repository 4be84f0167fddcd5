// OpenBLAS (CBLAS) and LAPACKE from Debian's libopenblas-dev and liblapacke-dev.
#ifndef DIST_CBLAS_SHIM_H
#define DIST_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>

/* OpenBLAS's own: stops its helper threads, which it starts again at the next threaded call.
   Its threads spin for a while after start-up; stopping them at once leaves both cores to
   the interpreter and the workers until a matrix product needs them. */
int blas_thread_shutdown_(void);
#endif
