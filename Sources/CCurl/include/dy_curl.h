// libcurl, loaded the first time a registry verb makes an HTTP request rather than when dockyard starts.
//
// Only `pull`, `push`, `login` (and a `run` or `build` whose image is missing) talk to a registry,
// so, as with libarchive, dockyard does not link libcurl: the loader would map it and its
// dependencies (OpenSSL, nghttp2, libssh2, …) before main() on every command. dy_http_perform
// dlopens libcurl.so.4 on first use and runs one whole HTTP exchange with it; the Swift side
// (the Registry module) never sees a CURL handle, and curl's variadic setopt stays in C.
#ifndef DY_CURL_H
#define DY_CURL_H

#include <stddef.h>
#include <stdint.h>

/// Receives the response body, chunk by chunk; returns the count it consumed (less aborts).
typedef size_t (*dy_http_body_sink)(void *context, const char *data, size_t length);
/// Fills `buffer` with up to `length` bytes of the request body; returns the count (0 at the end).
typedef size_t (*dy_http_body_source)(void *context, char *buffer, size_t length);
/// Receives each response header line, as sent (with its CRLF), including the status line.
typedef void (*dy_http_header_sink)(void *context, const char *line, size_t length);

/// One HTTP request: what to send and where its answer goes.
struct dy_http_request {
    const char *method;              // "GET", "HEAD", "PUT", "POST", "PATCH", "DELETE"
    const char *url;
    char *const *headers;            // "Name: value" lines
    size_t header_count;
    const void *body;                // an in-memory body, or NULL
    size_t body_length;
    dy_http_body_source body_source; // a streamed body of body_source_length bytes, or NULL
    int64_t body_source_length;
    const char *ca_file;             // a PEM bundle to trust besides the system's, or NULL
    const char *client_certificate;  // PEM, for registries that ask for one, or NULL
    const char *client_key;
    int skip_verify;                 // an insecure registry: TLS without checking its certificate
    int64_t resume_from;             // Range: bytes=N-, or 0
    long connect_timeout_seconds;
    long low_speed_seconds;          // abort when under 1 byte/s for this long (0: never)
    void *context;
    dy_http_body_sink body_sink;     // NULL discards the body
    dy_http_header_sink header_sink;
};

/// The outcome of dy_http_perform.
struct dy_http_result {
    long status;               // the HTTP status, 0 when no answer came
    int transport_error;       // 0, or libcurl's CURLcode
    int retryable;             // the transport error is worth a retry (connection reset, timeout)
    char message[256];         // libcurl's words for the transport error
    char http_version[8];      // "1.1", "2"
    char remote_address[64];   // the address the answer came from
};

/// Performs one request. Redirects are not followed: the caller sees the 3xx and its Location
/// and decides (a registry must not send credentials to where a redirect points).
/// Returns 0 when an HTTP answer came, whatever its status; -1 when the library cannot be loaded
/// (message says why) or the transport failed.
int dy_http_perform(const struct dy_http_request *request, struct dy_http_result *result);

/// NULL when libcurl can be loaded, else why not.
const char *dy_curl_load_error(void);

/// libcurl's version text ("libcurl/7.88.1 OpenSSL/3.0.x …"), loading it; NULL if it cannot be.
const char *dy_curl_version(void);

#endif
