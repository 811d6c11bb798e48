# drivers/gpio: GPIO controllers, the GPIO core and the LED.
src-y += gpio-bcm2835.c gpio-mmio.c gpio-pl061.c gpiolib.c heartbeat.c led.c
