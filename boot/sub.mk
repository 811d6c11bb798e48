# boot/: the first instructions (head.S) and the exception vectors.
src-y += head.S vectors.S
