/* http: the preview server's HTTP over libmicrohttpd (the only file
 * that includes <microhttpd.h>). One thread per connection, so a
 * Server-Sent Events stream may block in its own thread while pages
 * are answered in others. */
#ifndef TEBIKI_HTTP_H
#define TEBIKI_HTTP_H
#include <stddef.h>
#include <stdint.h>

struct http_response {
	int status;
	const char *type;	/* Content-Type (static) */
	char *body;		/* malloc'd, taken over; or */
	size_t len;
	int fd;			/* a file to send, closed after (-1: none); */
	uint64_t size;
	/* or a stream, read from the connection's thread until it returns
	 * -1; it may block. stream_free(ctx) runs when the client goes. */
	long (*stream)(void *ctx, char *buf, size_t max);
	void *stream_ctx;
	void (*stream_free)(void *ctx);
	char *location;		/* Location: (malloc'd) for a redirect */
	const char *allow;	/* Allow: for 405 */
};

/* Answers one request. path is the request's path exactly as sent
 * (nothing decoded), method "GET", "HEAD", …; r comes zeroed with
 * fd -1. Runs on the connection's thread. */
typedef void http_handler(void *ctx, const char *method, const char *path,
			  struct http_response *r);

struct http;

/* The listening socket for host:port (port 0: any free one), or -1
 * with a sentence in why ("port 1313 is in use on 127.0.0.1", "cannot
 * use --bind x: …"). */
int http_listen(const char *host, int port, char *why, size_t whylen);
/* "http://127.0.0.1:1313/" for the socket (malloc'd). */
char *http_url(int fd);
/* Serves on the socket from http_listen (taken over). NULL if the
 * library cannot start. */
struct http *http_start(int fd, http_handler *h, void *ctx);
/* Stops listening and waits for every connection thread; streams must
 * have been told to end first. */
void http_stop(struct http *s);

#endif
