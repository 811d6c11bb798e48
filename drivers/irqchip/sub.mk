# drivers/irqchip: the GIC and the BCM2836 interrupt controllers.
src-y += bcm2836.c gic.c
