/* Kernel error codes: functions return 0 or a negative value from this list. */
#ifndef ERRNO_H
#define ERRNO_H

#define EPERM        1
#define ENOENT       2
#define ESRCH        3
#define EINTR        4
#define EIO          5
#define E2BIG        7
#define ENOEXEC      8
#define EBADF        9
#define ECHILD       10
#define EAGAIN       11
#define ENOMEM       12
#define EACCES       13
#define EFAULT       14
#define EBUSY        16
#define EEXIST       17
#define EINVAL       22
#define EMFILE       24
#define ENOTTY       25
#define ERANGE       34
#define EDEADLK      35
#define ENAMETOOLONG 36
#define ENODEV       19
#define ENOTDIR      20
#define EISDIR       21
#define ENOSPC       28
#define ENOSYS       38
#define EOPNOTSUPP   95
#define ETIMEDOUT    110

const char *errname(int err); /* "EINVAL" for -EINVAL or EINVAL */

#endif
