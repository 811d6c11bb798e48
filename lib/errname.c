/* Names for error codes, so logs say EINVAL rather than -22. */
#include "errno.h"

const char *errname(int err)
{
	switch (err < 0 ? -err : err) {
	case 0:       return "OK";
	case EPERM:   return "EPERM";
	case ENOENT:  return "ENOENT";
	case EIO:     return "EIO";
	case ENOMEM:  return "ENOMEM";
	case EFAULT:  return "EFAULT";
	case EBUSY:   return "EBUSY";
	case EEXIST:  return "EEXIST";
	case EINVAL:  return "EINVAL";
	case ERANGE:  return "ERANGE";
	case ENODEV:  return "ENODEV";
	case ENOSYS:  return "ENOSYS";
	default:      return "E?";
	}
}
