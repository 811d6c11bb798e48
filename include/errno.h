/* Kernel error codes: functions return 0 or a negative value from this list. */
#ifndef ERRNO_H
#define ERRNO_H

#define EPERM    1
#define ENOENT   2
#define EIO      5
#define ENOMEM  12
#define EFAULT  14
#define EBUSY   16
#define EEXIST  17
#define EINVAL  22
#define ERANGE  34
#define ENODEV  19
#define ENOSYS  38

const char *errname(int err);   /* "EINVAL" for -EINVAL or EINVAL */

#endif
