/* progress.h — how slow core work reports progress and learns of a cancel.
 * The callback runs on the worker thread; frontends make it thread-safe. */
#ifndef KOPPEL_PROGRESS_H
#define KOPPEL_PROGRESS_H

#include <stdatomic.h>

struct kp_progress {
	/* done/total in `unit` (rows, pages); total 0 = unknown. label may be NULL. */
	void (*update)(void *ctx, unsigned long done, unsigned long total, const char *label);
	void *ctx;
	atomic_int *cancel; /* non-zero: stop as soon as possible, KP_ERR_CANCELLED */
};

/* Convenience: call p->update when p and p->update are set. */
static inline void kp_progress_report(const struct kp_progress *p, unsigned long done,
				      unsigned long total, const char *label)
{
	if (p && p->update)
		p->update(p->ctx, done, total, label);
}

static inline int kp_progress_cancelled(const struct kp_progress *p)
{
	return p && p->cancel && atomic_load(p->cancel);
}

#endif
