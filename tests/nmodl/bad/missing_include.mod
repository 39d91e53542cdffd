: want: 2:9: INCLUDE "no_such_file.inc": No such file or directory
INCLUDE "no_such_file.inc"
