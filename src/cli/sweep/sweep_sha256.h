/*
** sweep_sha256.h: SHA-256 (FIPS 180-4), for point ids and the digests of scripts and
** models that nrn-sweep's provenance records. No I/O beyond sweep_sha256_file.
*/
#ifndef SWEEP_SHA256_H
#define SWEEP_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A digest in progress. */
struct sweep_sha256 {
    uint32_t h[8];         /* chaining state */
    uint64_t len;          /* bytes hashed so far */
    unsigned char buf[64]; /* the partial block */
    size_t nbuf;           /* bytes in buf */
};

void sweep_sha256_init(struct sweep_sha256 *s);
void sweep_sha256_update(struct sweep_sha256 *s, const void *data, size_t n);
/* Finishes and writes the 32-byte digest. */
void sweep_sha256_final(struct sweep_sha256 *s, unsigned char out[32]);
/* The digest of data as 64 lowercase hex digits and a NUL into hex (65 bytes). */
void sweep_sha256_hex(const void *data, size_t n, char hex[65]);
/* The digest of a file's contents in hex. Returns 0, or -1 with errno set. */
int sweep_sha256_file(const char *path, char hex[65]);

#endif /* SWEEP_SHA256_H */
