/*
 * The lowest floor under a client's cost per event, for LiveRate (see BENCHMARKS.md): a C program
 * that opens the WebSocket, subscribes to everything, then blocks in read() until the stream ends,
 * without parsing frames. What one wake-up and one read per event cost on this machine.
 *
 *   cc -O2 -o raw-reader auraxium-bench/src/main/c/raw-reader.c
 *   java -cp $J dev.auraxium.bench.LiveRate rate -- ./raw-reader {uri}
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void stop(int signal) {
    (void) signal;
    _exit(0);
}

int main(int argc, char **argv) {
    if (argc != 2 || strncmp(argv[1], "ws://127.0.0.1:", 15) != 0) {
        fprintf(stderr, "usage: raw-reader ws://127.0.0.1:PORT/path\n");
        return 2;
    }
    signal(SIGTERM, stop);
    const char *colon = argv[1] + 14;
    const char *path = strchr(colon, '/');
    int port = atoi(colon + 1);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
        perror("connect");
        return 1;
    }
    char request[1024];
    int n = snprintf(request, sizeof request, "GET %s?environment=ps2&service-id=s:example HTTP/1.1\r\n"
            "Host: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            path ? path : "/", port);
    if (write(fd, request, n) != n) {
        perror("write");
        return 1;
    }
    const char *subscribe = "{\"service\":\"event\",\"action\":\"subscribe\",\"characters\":[\"all\"],"
            "\"worlds\":[\"all\"],\"eventNames\":[\"all\"],\"logicalAndCharactersWithWorlds\":false}";
    char buffer[65536];
    int subscribed = 0;
    ssize_t r;
    while ((r = read(fd, buffer, sizeof buffer)) > 0) {
        if (!subscribed && memmem(buffer, r, "\r\n\r\n", 4)) {
            /* a masked text frame with a zero mask, which leaves the payload as it is */
            size_t length = strlen(subscribe);
            unsigned char frame[512] = {0x81, 0x80 | 126, (unsigned char) (length >> 8), (unsigned char) length, 0, 0, 0, 0};
            memcpy(frame + 8, subscribe, length);
            if (write(fd, frame, 8 + length) != (ssize_t) (8 + length)) {
                perror("write");
                return 1;
            }
            subscribed = 1;
        }
    }
    return 0;
}
