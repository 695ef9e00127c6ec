// Which sanitizer this file is built under (gcc and clang spell it
// differently): defines GONET_ASAN and GONET_TSAN.
#ifndef GONET_RUNTIME_SANITIZERS_H
#define GONET_RUNTIME_SANITIZERS_H

#if defined(__SANITIZE_ADDRESS__)
#define GONET_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define GONET_TSAN 1
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GONET_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define GONET_TSAN 1
#endif
#endif

#endif
