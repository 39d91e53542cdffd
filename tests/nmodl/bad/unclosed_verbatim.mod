: want: 2:17: VERBATIM without ENDVERBATIM
INITIAL { x = 1 VERBATIM
 int y;
}
