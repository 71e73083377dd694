/* events: a ring of the last messages and a sequence number under one
 * mutex; each stream remembers the number it has sent up to and waits
 * on the condition variable for more. A stream that falls more than the
 * ring behind (a sleeping laptop) is told to reload, which is always
 * right. Streams send a comment every 15 s so a closed tab is noticed
 * and proxies keep the connection. */
#include "events.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/buf.h"
#include "../base/xalloc.h"
#include "http.h"

#define EVENTS_RING 64

struct events {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned long seq;	/* messages published so far */
	char *ring[EVENTS_RING];	/* message seq-1 is ring[(seq-1) % RING] */
	char *hello;		/* sent first to a new stream … */
	char *state;		/* … and then this */
	int closed;
};

struct events_client {
	struct events *ev;
	unsigned long seen;
	struct buf pending;	/* formatted, not yet handed to the connection */
	size_t off;
	int hello;
};

static char *events_format(const char *name, const char *data);

struct events *events_new(const char *id)
{
	struct events *ev = xcalloc(1, sizeof *ev);
	char *json = xasprintf("\"%s\"", id);
	ev->hello = events_format("hello", json);
	free(json);
	pthread_mutex_init(&ev->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ev->cv, &ca);
	pthread_condattr_destroy(&ca);
	return ev;
}

void events_free(struct events *ev)
{
	if (ev == NULL)
		return;
	for (int i = 0; i < EVENTS_RING; i++)
		free(ev->ring[i]);
	free(ev->state);
	free(ev->hello);
	pthread_mutex_destroy(&ev->mu);
	pthread_cond_destroy(&ev->cv);
	free(ev);
}

static char *events_format(const char *name, const char *data)
{
	return xasprintf("event: %s\ndata: %s\n\n", name, data);
}

void events_publish(struct events *ev, const char *name, const char *data, int state)
{
	char *msg = events_format(name, data);
	pthread_mutex_lock(&ev->mu);
	if (state) {
		free(ev->state);
		ev->state = xstrdup(msg);
	}
	free(ev->ring[ev->seq % EVENTS_RING]);
	ev->ring[ev->seq % EVENTS_RING] = msg;
	ev->seq++;
	pthread_cond_broadcast(&ev->cv);
	pthread_mutex_unlock(&ev->mu);
}

unsigned long events_count(struct events *ev)
{
	pthread_mutex_lock(&ev->mu);
	unsigned long n = ev->seq;
	pthread_mutex_unlock(&ev->mu);
	return n;
}

void events_close(struct events *ev)
{
	pthread_mutex_lock(&ev->mu);
	ev->closed = 1;
	pthread_cond_broadcast(&ev->cv);
	pthread_mutex_unlock(&ev->mu);
}

/* Fills c->pending with what the client has not had; waits at most
 * 15 s. Returns -1 once the hub is closed. Called with the mutex held. */
static int events_next(struct events_client *c)
{
	struct events *ev = c->ev;
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += 15;
	while (!ev->closed && c->seen == ev->seq)
		if (pthread_cond_timedwait(&ev->cv, &ev->mu, &until) == ETIMEDOUT)
			break;
	if (ev->closed)
		return -1;
	if (c->seen == ev->seq) {
		buf_adds(&c->pending, ": still here\n\n");
		return 0;
	}
	if (ev->seq - c->seen > EVENTS_RING) {
		char *msg = events_format("reload", "\"*\"");
		buf_adds(&c->pending, msg);
		free(msg);
		c->seen = ev->seq;
		return 0;
	}
	for (; c->seen < ev->seq; c->seen++)
		buf_adds(&c->pending, ev->ring[c->seen % EVENTS_RING]);
	return 0;
}

static long events_read(void *ctx, char *out, size_t max)
{
	struct events_client *c = ctx;
	struct events *ev = c->ev;
	if (c->off == c->pending.n) {
		buf_reset(&c->pending);
		c->off = 0;
		pthread_mutex_lock(&ev->mu);
		int rc = 0;
		if (!c->hello) {
			/* retry: how soon the browser reconnects when serve restarts */
			buf_adds(&c->pending, "retry: 500\n\n");
			buf_adds(&c->pending, ev->hello);
			if (ev->state)
				buf_adds(&c->pending, ev->state);
			c->hello = 1;
		} else {
			rc = events_next(c);
		}
		pthread_mutex_unlock(&ev->mu);
		if (rc < 0)
			return -1;
	}
	size_t n = c->pending.n - c->off;
	if (n > max)
		n = max;
	memcpy(out, c->pending.p + c->off, n);
	c->off += n;
	return (long)n;
}

static void events_client_free(void *ctx)
{
	struct events_client *c = ctx;
	buf_free(&c->pending);
	free(c);
}

void events_stream(struct events *ev, struct http_response *r)
{
	struct events_client *c = xcalloc(1, sizeof *c);
	c->ev = ev;
	pthread_mutex_lock(&ev->mu);
	c->seen = ev->seq;
	pthread_mutex_unlock(&ev->mu);
	r->status = 200;
	r->type = "text/event-stream; charset=utf-8";
	r->stream = events_read;
	r->stream_ctx = c;
	r->stream_free = events_client_free;
}
