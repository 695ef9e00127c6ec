// C port of go1.19 src/net/file.go: fileAddr, FileConn, FileListener,
// FilePacketConn.
#include "net/file.h"

#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"
#include "runtime_netpoll/panic.h"

// Go: fileAddr, the name of the file as an Addr. C: it owns its copy of
// the name, so that a clone outlives the caller's string.
typedef struct fileAddr {
	net_Addr addr;
	char *name;
} fileAddr;

/* Go: net/file.go fileAddr.Network */
static const char *
fileAddr_Network(const net_Addr *a)
{
	(void)a;
	return "file+net";
}

/* Go: net/file.go fileAddr.String */
static char *
fileAddr_String(const net_Addr *a)
{
	char *s = strdup(containerof(a, fileAddr, addr)->name);

	if (s == NULL)
		runtime_throw("out of memory");
	return s;
}

static net_Addr *fileAddr_clone(const net_Addr *a);

static void
fileAddr_free(net_Addr *a)
{
	fileAddr *f = containerof(a, fileAddr, addr);

	free(f->name);
	free(f);
}

static const net_Addr_methods fileAddr_methods = {
	.type = "net.fileAddr",
	.Network = fileAddr_Network,
	.String = fileAddr_String,
	.clone = fileAddr_clone,
	.free = fileAddr_free,
};

static net_Addr *
fileAddr_clone(const net_Addr *a)
{
	fileAddr *f = malloc(sizeof(*f));

	if (f == NULL)
		runtime_throw("out of memory");
	f->addr.m = &fileAddr_methods;
	f->name = fileAddr_String(a);
	return &f->addr;
}

// C: &OpError{Op: "file", Net: "file+net", Addr: fileAddr(name), Err: err}.
static go_error *
fileError(const char *name, go_error *err)
{
	fileAddr a = {{&fileAddr_methods}, (char *)(name != NULL ? name : "")};

	return net_newOpError("file", "file+net", NULL, &a.addr, err); // clones a
}

/* Go: net/file.go FileConn */
go_error *
net_FileConn(int f, const char *name, net_Conn **c)
{
	go_error *err = net_fileConn(f, c);

	return err != NULL ? fileError(name, err) : NULL;
}

/* Go: net/file.go FileListener */
go_error *
net_FileListener(int f, const char *name, net_Listener **ln)
{
	go_error *err = net_fileListener(f, ln);

	return err != NULL ? fileError(name, err) : NULL;
}

/* Go: net/file.go FilePacketConn */
go_error *
net_FilePacketConn(int f, const char *name, net_PacketConn **c)
{
	go_error *err = net_filePacketConn(f, c);

	return err != NULL ? fileError(name, err) : NULL;
}
