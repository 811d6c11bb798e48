# drivers/virtio: the virtio-mmio transport and the split virtqueue.
src-y += virtio_mmio.c virtio_ring.c
