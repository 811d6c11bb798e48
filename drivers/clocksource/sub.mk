# drivers/clocksource: the tick timers.
src-y += arm_arch_timer.c sp804.c
