: want: 2:12: '{' never closed (end of file reached)
BREAKPOINT {
    i = 1
