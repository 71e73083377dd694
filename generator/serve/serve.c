/* serve: two processes. This one answers HTTP (serve/http.c, a thread
 * per connection), watches the project (serve/watch.c), gathers a
 * burst of changes into one batch and hands it to the builder
 * (serve/builder.c), a child that keeps the model, writes the served
 * folder and says what changed, which serve/events.c streams to the
 * open pages. Everything lives in one temporary folder, removed when
 * a signal stops us. */
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/fsutil.h"
#include "../base/xalloc.h"
#include "../build.h"
#include "../model/theme.h"
#include "builder.h"
#include "events.h"
#include "files.h"
#include "http.h"
#include "watch.h"

/* A burst of events is one batch once the project has been quiet this
 * long; longer while a file is missing (an editor between moving the
 * old file aside and writing the new one), never longer than the cap. */
#define SERVE_QUIET_MS 10
#define SERVE_MISSING_MS 150
#define SERVE_CAP_MS 1000

struct serve {
	const struct serve_opts *o;
	char *tmp;		/* the temporary folder */
	char *out;		/* tmp/out: site/ and pdf/ */
	pid_t builder;
	int to_builder, from_builder;
	struct buf in;		/* frames from the builder, not yet whole */
	struct events *ev;
	struct files *files;
	int built;		/* a good build is being served */
	int first_done;		/* the first build finished */
	int fatal;		/* the project cannot load */
};

static double serve_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int serve_fail(const char *msg)
{
	fprintf(stderr, "tebiki: %s\n", msg);
	return 2;
}

static int serve_start_builder(struct serve *sv, int listen_fd)
{
	int down[2], up[2];
	if (pipe2(down, O_CLOEXEC) < 0 || pipe2(up, O_CLOEXEC) < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (listen_fd >= 0)
			close(listen_fd);
		close(down[1]);
		close(up[0]);
		struct build_opts bo = {.dir = sv->o->dir, .jobs = sv->o->jobs};
		builder_main(&bo, sv->o->pdf, sv->out, down[0], up[1]);
	}
	close(down[0]);
	close(up[1]);
	sv->builder = pid;
	sv->to_builder = down[1];
	sv->from_builder = up[0];
	return 0;
}

/* JSON string of text, for an SSE data line. */
static char *serve_json(const char *s, size_t n)
{
	struct buf b = {0};
	buf_addc(&b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			buf_addf(&b, "\\%c", c);
		else if (c == '\n')
			buf_adds(&b, "\\n");
		else if (c < 0x20)
			buf_addf(&b, "\\u%04x", c);
		else
			buf_addc(&b, (char)c);
	}
	buf_addc(&b, '"');
	return buf_detach(&b);
}

/* One frame from the builder. */
static void serve_frame(struct serve *sv, const char *name, int state, const char *data, size_t n)
{
	if (strcmp(name, "built") == 0) {
		sv->first_done = 1;
		return;
	}
	if (strcmp(name, "fatal") == 0) {
		fwrite(data, 1, n, stderr);
		sv->fatal = 1;
		sv->first_done = 1;
		return;
	}
	if (strcmp(name, "errors") == 0) {
		char *text = xstrndup(data, n);
		files_set_state(sv->files, text, sv->built);
		char *json = serve_json(data, n);
		events_publish(sv->ev, "errors", json, state);
		free(json);
		free(text);
		return;
	}
	if (strcmp(name, "ok") == 0) {
		sv->built = 1;
		files_set_state(sv->files, NULL, 1);
		events_publish(sv->ev, "ok", "{}", state);
		return;
	}
	if (strcmp(name, "reload") == 0) {
		sv->built = 1;
		char *json = xstrndup(data, n);
		events_publish(sv->ev, "reload", json, state);
		free(json);
	}
}

/* Reads what the builder sent; 0 when it has gone. */
static int serve_read_builder(struct serve *sv)
{
	char chunk[65536];
	ssize_t r = read(sv->from_builder, chunk, sizeof chunk);
	if (r < 0 && errno == EINTR)
		return 1;
	if (r <= 0)
		return 0;
	buf_add(&sv->in, chunk, (size_t)r);
	for (;;) {
		char *nl = memchr(sv->in.p, '\n', sv->in.n);
		if (nl == NULL)
			break;
		char name[16];
		int state;
		size_t n;
		*nl = '\0';
		if (sscanf(sv->in.p, "%15s %d %zu", name, &state, &n) != 3) {
			*nl = '\n';
			return 0;	/* cannot happen: the builder is ours */
		}
		*nl = '\n';
		size_t head = (size_t)(nl - sv->in.p) + 1;
		if (sv->in.n < head + n)
			break;
		serve_frame(sv, name, state, sv->in.p + head, n);
		memmove(sv->in.p, sv->in.p + head + n, sv->in.n - head - n);
		sv->in.n -= head + n;
	}
	return 1;
}

/* The builder stopped by itself (a script that ran too long, a crash):
 * say so over the page; the next change starts a new one. */
static void serve_builder_gone(struct serve *sv)
{
	int status = 0;
	waitpid(sv->builder, &status, 0);
	close(sv->to_builder);
	close(sv->from_builder);
	sv->builder = 0;
	sv->to_builder = sv->from_builder = -1;
	buf_reset(&sv->in);
	const char *msg = "tebiki: the build stopped (see the terminal); "
			  "it starts again at the next change\n";
	if (!sv->first_done)
		return;
	fputs(msg, stderr);
	files_set_state(sv->files, msg, sv->built);
	char *json = serve_json(msg, strlen(msg));
	events_publish(sv->ev, "errors", json, 1);
	free(json);
}

static void serve_send_batch(struct serve *sv, struct watch_set *set)
{
	if (sv->builder == 0 && serve_start_builder(sv, -1) < 0) {
		fprintf(stderr, "tebiki: cannot start the build: %s\n", strerror(errno));
		watch_set_clear(set);
		return;
	}
	struct buf b = {0};
	for (size_t i = 0; i < set->n; i++)
		buf_addf(&b, "%s\n", set->paths[i]);
	buf_addc(&b, '\n');
	if (write(sv->to_builder, b.p, b.n) != (ssize_t)b.n)
		fprintf(stderr, "tebiki: cannot reach the build process\n");
	buf_free(&b);
	watch_set_clear(set);
}

/* Waits for the first build; 0 once done, -1 if interrupted. A
 * builder that ends without a word (killed, crashed) is fatal too, and
 * said so: never a silent exit. */
static int serve_first_build(struct serve *sv, int sigfd)
{
	while (!sv->first_done) {
		struct pollfd pf[2] = {{sv->from_builder, POLLIN, 0}, {sigfd, POLLIN, 0}};
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (pf[1].revents) {
			struct signalfd_siginfo si;
			if (read(sigfd, &si, sizeof si) != (ssize_t)sizeof si ||
			    si.ssi_signo != SIGCHLD)
				return -1;
			continue;	/* the builder's end: its pipe says the rest */
		}
		if (pf[0].revents && !serve_read_builder(sv)) {
			int status = 0;
			if (waitpid(sv->builder, &status, 0) == sv->builder)
				sv->builder = 0;
			fprintf(stderr, "tebiki: the build process ended before the first build was done (%s %d)\n",
				WIFSIGNALED(status) ? "signal" : "exit status",
				WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			sv->fatal = 1;
			return 0;
		}
	}
	return 0;
}

static void serve_stop(struct serve *sv)
{
	if (sv->builder > 0) {
		kill(sv->builder, SIGTERM);
		waitpid(sv->builder, NULL, 0);
	}
	if (sv->tmp)
		fs_rmtree(sv->tmp);
}

static void serve_loop(struct serve *sv, struct watch *w, int sigfd)
{
	struct watch_set set = {0};
	double first = 0, last = 0;
	for (;;) {
		int timeout = -1;
		if (set.n) {
			double now = serve_ms();
			double due = last + (set.missing ? SERVE_MISSING_MS : SERVE_QUIET_MS);
			if (due > first + SERVE_CAP_MS)
				due = first + SERVE_CAP_MS;
			timeout = due <= now ? 0 : (int)(due - now) + 1;
		}
		struct pollfd pf[3] = {{sigfd, POLLIN, 0}, {watch_fd(w), POLLIN, 0},
				       {sv->from_builder, POLLIN, 0}};
		int n = poll(pf, sv->from_builder >= 0 ? 3 : 2, timeout);
		if (n < 0 && errno != EINTR)
			break;
		if (pf[0].revents) {
			struct signalfd_siginfo si;
			if (read(sigfd, &si, sizeof si) == (ssize_t)sizeof si &&
			    si.ssi_signo != SIGCHLD)
				break;
		}
		if (pf[1].revents && watch_read(w, &set) > 0) {
			last = serve_ms();
			if (first == 0)
				first = last;
		}
		if (sv->from_builder >= 0 && pf[2].revents && !serve_read_builder(sv))
			serve_builder_gone(sv);
		if (set.n) {
			double now = serve_ms();
			if (now >= last + (set.missing ? SERVE_MISSING_MS : SERVE_QUIET_MS) ||
			    now >= first + SERVE_CAP_MS) {
				serve_send_batch(sv, &set);
				first = last = 0;
			}
		}
	}
	watch_set_clear(&set);
}

int serve_run(const struct serve_opts *o)
{
	struct serve sv = {.o = o, .to_builder = -1, .from_builder = -1};
	char why[256];
	int fd = http_listen(o->bind, o->port, why, sizeof why);
	if (fd < 0)
		return serve_fail(why);
	/* signals arrive as reads of sigfd, in this thread only */
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
	const char *t = getenv("TMPDIR");
	sv.tmp = xasprintf("%s/tebiki-serve-XXXXXX", t && *t ? t : "/tmp");
	if (sigfd < 0 || mkdtemp(sv.tmp) == NULL) {
		int e = errno;
		close(fd);
		free(sv.tmp);
		snprintf(why, sizeof why, "cannot make a temporary folder: %s", strerror(e));
		return serve_fail(why);
	}
	sv.out = fs_join(sv.tmp, "out");
	char id[32];
	snprintf(id, sizeof id, "%ld-%ld", (long)getpid(), (long)time(NULL));
	sv.ev = events_new(id);
	char *site = fs_join(sv.out, "site");
	sv.files = files_new(site, sv.ev, id);
	free(site);
	int rc = 0;
	struct http *h = NULL;
	struct watch *w = NULL;
	char *url = http_url(fd);
	/* the builder first, so it is forked before any thread exists */
	if (serve_start_builder(&sv, fd) < 0) {
		snprintf(why, sizeof why, "cannot start the build: %s", strerror(errno));
		rc = serve_fail(why);
	} else if (serve_first_build(&sv, sigfd) < 0) {
		rc = 0;	/* stopped during the first build */
	} else if (sv.fatal) {
		rc = 2;
	} else if ((w = watch_new(o->dir, theme_shipped())) == NULL) {
		rc = 2;
	} else if ((h = http_start(fd, files_answer, sv.files)) == NULL) {
		fd = -1;
		rc = serve_fail("cannot start the HTTP server");
	} else {
		fd = -1;
		printf("tebiki: serving %s at %s (Ctrl+C to stop)\n", o->dir, url);
		printf("tebiki: the built files are in %s\n", sv.out);
		fflush(stdout);
		serve_loop(&sv, w, sigfd);
		printf("tebiki: stopped\n");
		fflush(stdout);
	}
	if (fd >= 0)
		close(fd);
	events_close(sv.ev);
	http_stop(h);
	serve_stop(&sv);
	watch_free(w);
	files_free(sv.files);
	events_free(sv.ev);
	buf_free(&sv.in);
	close(sigfd);
	if (sv.to_builder >= 0)
		close(sv.to_builder);
	if (sv.from_builder >= 0)
		close(sv.from_builder);
	free(url);
	free(sv.out);
	free(sv.tmp);
	return rc;
}
