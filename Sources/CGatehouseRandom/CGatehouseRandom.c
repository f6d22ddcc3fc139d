#include "CGatehouseRandom.h"

#include <errno.h>

#if defined(__APPLE__)
#include <stdlib.h>
#else
#include <sys/random.h>
#endif

int c_gatehouse_random_fill(void *buffer, size_t count) {
#if defined(__APPLE__)
    arc4random_buf(buffer, count);
    return 0;
#else
    unsigned char *bytes = buffer;
    size_t filled = 0;
    while (filled < count) {
        ssize_t result = getrandom(bytes + filled, count - filled, 0);
        if (result > 0) {
            filled += (size_t)result;
        } else if (result < 0 && errno == EINTR) {
            continue;
        } else {
            return -1;
        }
    }
    return 0;
#endif
}
