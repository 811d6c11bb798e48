# drivers/block: block device drivers (virtio-blk).
src-y += virtio_blk.c
