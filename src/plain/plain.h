/* plain.h — the line-by-line frontend: numbered prompts on stdin/stdout,
 * no curses; for screen readers, pipes, tickets (--plain). */
#ifndef KOPPEL_PLAIN_H
#define KOPPEL_PLAIN_H

#include <stdio.h>
#include "koppel/frontend.h"

struct kp_app;

/* Fill fe for reading `in` and writing `out`. */
void kp_plain_open(struct kp_app *app, struct kp_frontend *fe, FILE *in, FILE *out);
void kp_plain_close(struct kp_frontend *fe);

#endif
