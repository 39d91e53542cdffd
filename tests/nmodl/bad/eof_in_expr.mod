: want: 3:1: unexpected end of file: expected an expression
INITIAL { x = 
