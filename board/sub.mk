# board/: the board description built from board/$(BOARD).h.
src-y += board.c
