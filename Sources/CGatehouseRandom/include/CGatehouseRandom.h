// Bulk random bytes from the operating system for GatehouseCommon.SecureRandom: Swift's Glibc
// module does not export getrandom(2), and SystemRandomNumberGenerator asks for 8 bytes a call.
#ifndef C_GATEHOUSE_RANDOM_H
#define C_GATEHOUSE_RANDOM_H

#include <stddef.h>

/// Fills `count` bytes at `buffer` from the kernel's CSPRNG; returns 0 on success, -1 on failure.
int c_gatehouse_random_fill(void *buffer, size_t count);

#endif
