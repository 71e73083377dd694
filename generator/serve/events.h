/* events: the Server-Sent Events hub. The serve loop publishes what a
 * rebuild changed; every open /__tebiki/events stream (one blocked
 * connection thread each) sends it to its browser. */
#ifndef TEBIKI_EVENTS_H
#define TEBIKI_EVENTS_H
#include <stddef.h>

struct events;
struct http_response;

/* id: this server's; a new stream is told it first ("hello"), so a
 * page served by an earlier run reloads. */
struct events *events_new(const char *id);
void events_free(struct events *ev);
/* Sends "event: NAME\ndata: DATA\n\n" to every stream; data is one line
 * (JSON). state: the event is also what a stream opened later gets
 * first (the error overlay, or that there is none). */
void events_publish(struct events *ev, const char *name, const char *data, int state);
/* Makes r the stream for one client. */
void events_stream(struct events *ev, struct http_response *r);
/* Ends every stream (their threads return) and refuses new ones. */
void events_close(struct events *ev);
/* How many events were published: tests and the benchmark wait on it. */
unsigned long events_count(struct events *ev);

#endif
