/*
** nrn_check.h: checking input files without building anything (nrn-build --check).
**
** A checker reads the whole file and reports EVERY problem it finds, each with the line
** it is on, where a loader (nrn_load_swc) stops at the first. A file with no problems
** loads; a file the loader refuses has at least one problem, and for a file with a
** single fault the message is the loader's. Like the rest of libnrn: no printing, no
** global state.
*/
#ifndef NRN_CHECK_H
#define NRN_CHECK_H

/*
** Called once per problem, in line order: line is the 1-based line of the file (0 for a
** problem with the file as a whole, such as "cannot read: ..."), msg one line of text
** without the file name (borrowed for the call).
*/
typedef void (*nrn_check_fn)(void *ud, int line, const char *msg);

/*
** Checks the SWC file at path as nrn_load_swc reads it: lines that are not 7 numbers,
** bad ids and radii, duplicate ids, missing parents, samples that are their own
** parent, several roots or none, parent links that loop. report may be NULL (count
** only). Returns the number of problems (0: the file loads), or -1 when the file cannot
** be read or memory runs out (reported as a problem on line 0).
*/
int nrn_swc_check(const char *path, nrn_check_fn report, void *ud);

#endif /* NRN_CHECK_H */
