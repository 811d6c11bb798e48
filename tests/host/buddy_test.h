/* The cmocka fixture the buddy unit tests share: a fresh allocator on the default layout. */
#ifndef BUDDY_TEST_H
#define BUDDY_TEST_H

#include "buddy_env.h"
#include "host_env.h"

static inline int buddy_test_setup(void **state)
{
	(void)state;
	host_env_reset();
	buddy_env_init(NULL);
	return 0;
}

#endif
