# board/: the board description built from board/$(BOARD).h, and its devices.
src-y += board.c devices.c
