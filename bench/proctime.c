/*
** proctime.c: runs a command and reports its wall time and peak RSS on stderr,
**   PROC wall_s=0.012345 maxrss_kb=11264 status=0
** (clock_gettime MONOTONIC around fork/exec/wait; RSS from wait4's rusage).
** Used by bench/run.sh for whole-process figures of our driver and of nrniv, with
** microsecond resolution (/usr/bin/time's %e has only 10 ms).
**   proctime CMD [ARGS...]
*/
#define _DEFAULT_SOURCE
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: proctime CMD [ARGS...]\n");
        return 2;
    }
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("proctime: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        perror("proctime: exec");
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0) {
        perror("proctime: wait4");
        return 2;
    }
    double wall = now() - t0;
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    fprintf(stderr, "PROC wall_s=%.6f maxrss_kb=%ld status=%d\n", wall, ru.ru_maxrss, code);
    return code;
}
