// C port of go1.19 src/net/unixsock_readmsg_test.go:
// TestUnixConnReadMsgUnixSCMRightsCloseOnExec.
#include "gotest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mockserver.h"
#include "net/file.h"
#include "net/unixsock.h"
#include "time/time.h"

/* Go: net/unixsock_readmsg_test.go TestUnixConnReadMsgUnixSCMRightsCloseOnExec */
GO_TEST(TestUnixConnReadMsgUnixSCMRightsCloseOnExec)
{
	// Go: syscall.UnixRights(fd): one SCM_RIGHTS message, CmsgSpace(4) long.
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(sizeof(int))];
	} rights;
	union {
		struct cmsghdr h;
		uint8_t b[CMSG_SPACE(sizeof(int))]; // Go: make([]byte, syscall.CmsgSpace(4))
	} oob;
	struct msghdr msg;
	struct cmsghdr *scm;
	net_UnixConn *ucw, *ucr;
	net_UnixAddr *from = NULL;
	net_Conn *cw, *cr;
	go_error *err;
	ssize_t n, oobn;
	int scmFile, fds[2], gotFD, nscms, flags;

	if (!testableNetwork("unix"))
		GO_SKIP(); // not unix system

	if ((scmFile = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) // Go: os.Open(os.DevNull)
		fail_msg("file open: %s", strerror(errno));

	memset(&rights, 0, sizeof(rights));
	rights.h.cmsg_level = SOL_SOCKET;
	rights.h.cmsg_type = SCM_RIGHTS;
	rights.h.cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(&rights.h), &scmFile, sizeof(int));

	// Go: syscall.Socketpair, past net's hooks.
	if (socketpair(AF_LOCAL, SOCK_STREAM, 0, fds) != 0)
		fail_msg("Socketpair: %s", strerror(errno));

	// Go: os.NewFile(fds[0], "write-socket"), os.NewFile(fds[1], "read-socket")
	if ((err = net_FileConn(fds[0], "write-socket", &cw)) != NULL)
		fail_msg("FileConn: %s", go_error_Error(err));
	if ((err = net_FileConn(fds[1], "read-socket", &cr)) != NULL)
		fail_msg("FileConn: %s", go_error_Error(err));

	if ((ucw = net_Conn_UnixConn(cw)) == NULL)
		fail_msg("got %s; want UnixConn", cw->m->type);
	if ((ucr = net_Conn_UnixConn(cr)) == NULL)
		fail_msg("got %s; want UnixConn", cr->m->type);

	err = net_UnixConn_SetWriteDeadline(ucw, time_Time_Add(time_Now(), 5 * time_Second));
	if (err != NULL)
		fail_msg("Can't set unix connection timeout: %s", go_error_Error(err));
	err = net_UnixConn_WriteMsgUnix(ucw, NULL, 0, rights.b, sizeof(rights.b), NULL, &n, &oobn);
	if (err != NULL)
		fail_msg("UnixConn readMsg: %s", go_error_Error(err));
	err = net_UnixConn_SetReadDeadline(ucr, time_Time_Add(time_Now(), 5 * time_Second));
	if (err != NULL)
		fail_msg("Can't set unix connection timeout: %s", go_error_Error(err));
	memset(&oob, 0, sizeof(oob));
	err = net_UnixConn_ReadMsgUnix(ucr, NULL, 0, oob.b, sizeof(oob.b), &n, &oobn, &flags,
				       &from);
	if (err != NULL)
		fail_msg("UnixConn readMsg: %s", go_error_Error(err));
	if (from != NULL)
		net_Addr_free(&from->addr); // C: the sender's address is ours

	// Go: syscall.ParseSocketControlMessage(oob[:oobn])
	memset(&msg, 0, sizeof(msg));
	msg.msg_control = oob.b;
	msg.msg_controllen = (size_t)oobn;
	nscms = 0;
	for (struct cmsghdr *h = CMSG_FIRSTHDR(&msg); h != NULL; h = CMSG_NXTHDR(&msg, h))
		nscms++;
	if (nscms != 1)
		fail_msg("got %d scms; expected 1 SocketControlMessage", nscms);
	scm = CMSG_FIRSTHDR(&msg);
	// Go: syscall.ParseUnixRights(&scm)
	if (scm->cmsg_level != SOL_SOCKET || scm->cmsg_type != SCM_RIGHTS)
		fail_msg("syscall.ParseUnixRights: invalid argument");
	if ((scm->cmsg_len - CMSG_LEN(0)) / sizeof(int) != 1)
		fail_msg("got %zu FDs: wanted only 1 fd",
			 (size_t)((scm->cmsg_len - CMSG_LEN(0)) / sizeof(int)));
	memcpy(&gotFD, CMSG_DATA(scm), sizeof(int));

	if ((flags = fcntl(gotFD, F_GETFD, 0)) < 0)
		fail_msg("Can't get flags of fd:%d, with err:%s", gotFD, strerror(errno));
	if ((flags & FD_CLOEXEC) == 0)
		fail_msg("got flags %#x, want %#x (FD_CLOEXEC) set", flags, FD_CLOEXEC);

	// Go: the deferred calls, last first.
	if (close(gotFD) != 0)
		fail_msg("fail to close gotFDs: %s", strerror(errno));
	go_error_release(net_Conn_Close(cr));
	net_Conn_Free(cr);
	go_error_release(net_Conn_Close(cw));
	net_Conn_Free(cw);
	close(fds[1]); // readFile.Close()
	close(fds[0]); // writeFile.Close()
	close(scmFile);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestUnixConnReadMsgUnixSCMRightsCloseOnExec,
						netTestSetup, netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}
