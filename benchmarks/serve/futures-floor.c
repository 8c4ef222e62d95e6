/* The floor of `sim serve`'s 100 futures on hospital-to-community (issue 17; benchmarks/README.md, "The floor of 100
 * futures, measured"). Only the divisions and libm calls that the futures' 4-lane batch step code makes (planstats:
 * 1,162 four-lane divisions, 30 exp and 10 pow a lane, a step), as independent as a compiler can make them, for 25
 * batches x 29,200 steps over two threads, and nothing else: what any code with IEEE division and glibc's libm pays. */
#include <immintrin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <omp.h>
#define STEPS 29200
#define BATCHES 25
#define DIVS 1162
#define EXPS 30
#define POWS 10
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
/* Build: gcc -O3 -march=native -fopenmp futures-floor.c -lm -o futures-floor; run: OMP_NUM_THREADS=2 ./futures-floor MODE
 * MODE 1: divisions alone; 2: libm calls alone; 3: both, libm calls in bursts between blocks of divisions; 4: both,
 * one libm call after every 8 divisions (the finest interleaving: the most the out-of-order core can overlap). */
int main(int argc,char**argv){
  int mode=argc>1?atoi(argv[1]):4;
  double t0=now(); double sink=0;
  #pragma omp parallel for schedule(dynamic,1) reduction(+:sink)
  for(int b=0;b<BATCHES;b++){
    __m256d num[8],den[8];
    for(int k=0;k<8;k++){num[k]=_mm256_set_pd(1.1+k,1.2+k,1.3+k,1.4+k);den[k]=_mm256_set_pd(1.0001,1.0002,0.9999,0.9998);}
    double x[4]={0.1,0.2,0.3,0.4}; double acc=0;
    for(int s=0;s<STEPS;s++){
      if(mode==4){ // finest interleave: one libm call after every block of 8 divisions (164 calls, 1,162 divisions)
        int c=0;
        for(int d=0;d<DIVS+64;d+=8){
          if(d<DIVS) for(int k=0;k<8;k++) num[k]=_mm256_div_pd(den[k],num[k]);
          if(c<4*(EXPS+POWS)){ int l=c&3; acc+= (c%41<30)? exp(x[l]+c*1e-3) : pow(x[l]+1.0,0.7+c*1e-3); c++; }
        }
        while(c<4*(EXPS+POWS)){ int l=c&3; acc+= exp(x[l]+c*1e-3); c++; }
      } else if(mode&1){
        for(int d=0;d<DIVS;d+=8){
          for(int k=0;k<8;k++) num[k]=_mm256_div_pd(den[k],num[k]);
          if(mode&2 && (d % 232)==0){ // interleave libm calls among the divisions
            for(int l=0;l<4;l++){ for(int e=0;e<EXPS/5;e++) acc+=exp(x[l]+e*1e-3); for(int p=0;p<POWS/5;p++) acc+=pow(x[l]+1.0,0.7+p*1e-3);} }
        }
      } else if(mode&2){
        for(int l=0;l<4;l++){ for(int e=0;e<EXPS;e++) acc+=exp(x[l]+e*1e-3); for(int p=0;p<POWS;p++) acc+=pow(x[l]+1.0,0.7+p*1e-3);} }
      for(int l=0;l<4;l++) x[l]=x[l]*0.9999999+1e-9;
    }
    double o[4]; for(int k=0;k<8;k++){_mm256_storeu_pd(o,num[k]); sink+=o[0]+o[1]+o[2]+o[3];}
    sink+=acc;
  }
  printf("mode %d: %.3f s (sink %g)\n",mode,now()-t0,sink);
}
