# hh soma 20x20 um, IClamp del 1 dur 40 amp 0.1 (repetitive firing): cvode_accuracy.py's hh_step
section soma -L 20 -diam 20
insert hh soma
IClamp ic soma(0.5) -del 1 -dur 40 -amp 0.1
