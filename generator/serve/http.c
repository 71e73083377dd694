/* http: libmicrohttpd runs a thread per connection; tebiki opens the
 * listening socket itself, so a port in use or a bad --bind gets a
 * clear sentence instead of the library's log line. URLs reach the
 * handler undecoded: deciding what %2e%2e or %00 mean is the
 * handler's job, not a library default's. */
#include "http.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <microhttpd.h>

#include "../base/xalloc.h"

struct http {
	struct MHD_Daemon *d;
	http_handler *handle;
	void *ctx;
};

/* Leaves escapes as they are (the default would decode them). */
static size_t http_keep_escapes(void *cls, struct MHD_Connection *c, char *s)
{
	return strlen(s);
}

static ssize_t http_read_stream(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct http_response *r = cls;
	long n = r->stream(r->stream_ctx, buf, max);
	return n < 0 ? MHD_CONTENT_READER_END_OF_STREAM : (ssize_t)n;
}

static void http_free_stream(void *cls)
{
	struct http_response *r = cls;
	if (r->stream_free)
		r->stream_free(r->stream_ctx);
	free(r);
}

static struct MHD_Response *http_make(struct http_response *r)
{
	if (r->stream) {
		struct http_response *keep = xmalloc(sizeof *keep);
		*keep = *r;
		struct MHD_Response *m = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
			http_read_stream, keep, http_free_stream);
		if (m == NULL)
			http_free_stream(keep);
		return m;
	}
	if (r->fd >= 0) {
		struct MHD_Response *m = MHD_create_response_from_fd64(r->size, r->fd);
		if (m == NULL)
			close(r->fd);
		r->fd = -1;
		return m;
	}
	struct MHD_Response *m = MHD_create_response_from_buffer(r->len,
		r->body ? r->body : (char *)"", r->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (m == NULL)
		free(r->body);
	r->body = NULL;
	return m;
}

static enum MHD_Result http_answer(void *cls, struct MHD_Connection *c, const char *url,
				   const char *method, const char *version,
				   const char *upload, size_t *upload_size, void **con_cls)
{
	struct http *s = cls;
	struct http_response r = {.fd = -1};
	s->handle(s->ctx, method, url, &r);
	struct MHD_Response *m = http_make(&r);
	if (m == NULL) {
		free(r.location);
		return MHD_NO;
	}
	if (r.type)
		MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, r.type);
	MHD_add_response_header(m, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	if (r.location)
		MHD_add_response_header(m, MHD_HTTP_HEADER_LOCATION, r.location);
	if (r.allow)
		MHD_add_response_header(m, MHD_HTTP_HEADER_ALLOW, r.allow);
	free(r.location);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r.status, m);
	MHD_destroy_response(m);
	return ret;
}

int http_listen(const char *host, int port, char *why, size_t whylen)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_PASSIVE | AI_NUMERICSERV}, *res = NULL;
	char service[16];
	snprintf(service, sizeof service, "%d", port);
	int rc = getaddrinfo(host, service, &hints, &res);
	if (rc != 0) {
		snprintf(why, whylen, "cannot use --bind %s: %s", host,
			 rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -1;
	}
	int fd = -1, err = 0;
	for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		int one = 1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, a->ai_addr, a->ai_addrlen) < 0 || listen(fd, 64) < 0) {
			err = errno;
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd < 0 && err == EADDRINUSE)
		snprintf(why, whylen, "port %d is in use on %s (--port 0 picks a free one)", port, host);
	else if (fd < 0)
		snprintf(why, whylen, "cannot listen on %s port %d: %s", host, port, strerror(err));
	return fd;
}

char *http_url(int fd)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof sa;
	char host[INET6_ADDRSTRLEN] = "localhost";
	int port = 0;
	if (getsockname(fd, (struct sockaddr *)&sa, &len) == 0) {
		if (sa.ss_family == AF_INET6) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)&sa;
			inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
			port = ntohs(a->sin6_port);
			return xasprintf("http://[%s]:%d/", host, port);
		}
		struct sockaddr_in *a = (struct sockaddr_in *)&sa;
		inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
		port = ntohs(a->sin_port);
	}
	return xasprintf("http://%s:%d/", host, port);
}

struct http *http_start(int fd, http_handler *h, void *ctx)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof sa;
	struct http *s = xcalloc(1, sizeof *s);
	s->handle = h;
	s->ctx = ctx;
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC;
	if (getsockname(fd, (struct sockaddr *)&sa, &len) == 0 && sa.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, http_answer, s,
		MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_UNESCAPE_CALLBACK, http_keep_escapes, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
		MHD_OPTION_END);
	if (s->d == NULL) {
		close(fd);
		free(s);
		return NULL;
	}
	return s;
}

void http_stop(struct http *s)
{
	if (s == NULL)
		return;
	MHD_stop_daemon(s->d);	/* closes the listening socket too */
	free(s);
}
