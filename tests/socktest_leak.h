// Leak checks for the socket tests: every test that opens sockets ends by
// asserting that the process has no more sockets open than when it began.
#ifndef GONET_TESTS_SOCKTEST_LEAK_H
#define GONET_TESTS_SOCKTEST_LEAK_H

// The number of socket descriptors this process has open (the
// "socket:[...]" entries of /proc/self/fd), whoever opened them.
int testOpenSockets(void);

#endif
