: want: 2:18: string without its closing '"'
INITIAL { printf("abc
) }
