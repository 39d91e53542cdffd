/*
** asc.c: Neurolucida ASCII (.asc) import, as NEURON 8.2.2's Import3d_Neurolucida3 reads
** it. NOT YET IMPLEMENTED: nrn_load_asc checks the file can be read and then fails with
** NRN_EINVAL, leaving the model unchanged (tests/golden/morph_cell1.txt is NEURON's
** answer for cell1.asc, ready for the test). A bit-exact port needs: read_nlcda3.hoc's
** lexer ("%lf" numbers, doubles) and recursive-descent parser, connect2soma (wires to
** the CellBody centre), contourcenter / contour2centroid (Vector.interpolate, Vector.indgen with EPSILON 1e-9,
** Matrix.symmeig = meschach Hfactor + makeHQ + trieig) and then swc_instantiate().
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "morph.h"
#include "nrn_int.h"

int nrn_load_asc(nrn_model *m, const char *path, const char *prefix, int *first, int *count,
                 char *note, size_t notesize)
{
    (void)prefix, (void)first, (void)count;
    if (note && notesize)
        note[0] = 0;
    if (!m)
        return NRN_EINVAL;
    if (!path || !*path)
        return model_err(m, NRN_EINVAL, "load_asc: no file name");
    FILE *f = fopen(path, "rb");
    if (!f)
        return model_err(m, NRN_EIO, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    return model_err(m, NRN_EINVAL, "%s: Neurolucida import is not implemented yet", path);
}
