// An echo client: dials the server, sends each line of stdin (or the
// arguments), prints what comes back.
//
//	echo_client [-addr 127.0.0.1:PORT] [message ...]
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/conn.h"
#include "net/dial.h"
#include "runtime_netpoll/runtime.h"
#include "time/time.h"

typedef struct args {
	const char *addr;
	int n;
	char **msgs;
} args;

// Sends msg and reads back as many bytes, with a 5 s deadline.
static go_error *
roundTrip(net_Conn *c, const char *msg)
{
	size_t len = strlen(msg), got = 0;
	char buf[4096];
	ssize_t n;
	go_error *err;

	if ((err = net_Conn_SetDeadline(c, time_Time_Add(time_Now(), 5 * time_Second))) != NULL)
		return err;
	if ((err = net_Conn_Write(c, (const uint8_t *)msg, len, &n)) != NULL)
		return err;
	while (got < len) {
		size_t want = len - got < sizeof(buf) ? len - got : sizeof(buf);
		if ((err = net_Conn_Read(c, (uint8_t *)buf, want, &n)) != NULL)
			return err;
		fwrite(buf, 1, (size_t)n, stdout);
		got += (size_t)n;
	}
	return NULL;
}

static int
client(void *arg)
{
	args *a = arg;
	net_Conn *c;
	go_error *err;
	char line[4096];

	if ((err = net_DialTimeout("tcp", a->addr, 5 * time_Second, &c)) != NULL)
		goto fail;
	for (int i = 0; i < a->n && err == NULL; i++) {
		snprintf(line, sizeof(line), "%s\n", a->msgs[i]);
		err = roundTrip(c, line);
	}
	while (a->n == 0 && err == NULL && fgets(line, sizeof(line), stdin) != NULL)
		err = roundTrip(c, line);
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
	if (err == NULL)
		return 0;
fail:
	fprintf(stderr, "echo_client: %s\n", go_error_Error(err));
	go_error_release(err);
	return 1;
}

int
main(int argc, char **argv)
{
	args a = {"127.0.0.1:8080", 0, NULL};
	int i = 1;

	if (i + 1 < argc && (strcmp(argv[i], "-addr") == 0 || strcmp(argv[i], "--addr") == 0)) {
		a.addr = argv[i + 1];
		i += 2;
	}
	a.n = argc - i;
	a.msgs = argv + i;
	return go_main(client, &a);
}
