// Loads libcurl on first use and runs whole HTTP exchanges with it (see dy_curl.h).
#include "dy_curl.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// The soname Debian's libcurl4 (OpenSSL) has kept since curl 7.16.
#define DY_CURL_LIBRARY "libcurl.so.4"

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL *handle);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
    char *(*version)(void);
} real;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

static void load(void) {
    void *library = dlopen(DY_CURL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error, sizeof load_error, "cannot load libcurl (Debian's libcurl4): %s", dlerror());
        return;
    }
#define DY_RESOLVE(field, symbol) \
    if ((*(void **)&real.field = dlsym(library, symbol)) == NULL) { \
        snprintf(load_error, sizeof load_error, "%s has no %s", DY_CURL_LIBRARY, symbol); \
        return; \
    }
    DY_RESOLVE(global_init, "curl_global_init")
    DY_RESOLVE(easy_init, "curl_easy_init")
    DY_RESOLVE(easy_setopt, "curl_easy_setopt")
    DY_RESOLVE(easy_perform, "curl_easy_perform")
    DY_RESOLVE(easy_getinfo, "curl_easy_getinfo")
    DY_RESOLVE(easy_cleanup, "curl_easy_cleanup")
    DY_RESOLVE(easy_strerror, "curl_easy_strerror")
    DY_RESOLVE(slist_append, "curl_slist_append")
    DY_RESOLVE(slist_free_all, "curl_slist_free_all")
    DY_RESOLVE(version, "curl_version")
#undef DY_RESOLVE
    // Once, before any thread makes a handle: curl_global_init is not thread-safe.
    if (real.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed");
        return;
    }
    loaded = 1;
}

const char *dy_curl_load_error(void) {
    pthread_once(&load_once, load);
    return loaded ? NULL : load_error;
}

const char *dy_curl_version(void) {
    pthread_once(&load_once, load);
    return loaded ? real.version() : NULL;
}

// An in-memory body, handed out by curl's read callback.
struct memory_body {
    const char *bytes;
    size_t length;
    size_t offset;
};

struct exchange {
    const struct dy_http_request *request;
    struct memory_body memory;
};

static size_t read_body(char *buffer, size_t size, size_t count, void *user) {
    struct exchange *exchange = user;
    size_t capacity = size * count;
    if (exchange->request->body_source != NULL)
        return exchange->request->body_source(exchange->request->context, buffer, capacity);
    size_t left = exchange->memory.length - exchange->memory.offset;
    size_t n = left < capacity ? left : capacity;
    memcpy(buffer, exchange->memory.bytes + exchange->memory.offset, n);
    exchange->memory.offset += n;
    return n;
}

static size_t write_body(char *data, size_t size, size_t count, void *user) {
    struct exchange *exchange = user;
    size_t length = size * count;
    if (exchange->request->body_sink == NULL) return length;
    return exchange->request->body_sink(exchange->request->context, data, length);
}

static size_t write_header(char *data, size_t size, size_t count, void *user) {
    struct exchange *exchange = user;
    size_t length = size * count;
    if (exchange->request->header_sink != NULL)
        exchange->request->header_sink(exchange->request->context, data, length);
    return length;
}

static int is_retryable(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_CONNECT: case CURLE_OPERATION_TIMEDOUT: case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: case CURLE_PARTIAL_FILE: case CURLE_GOT_NOTHING:
    case CURLE_HTTP2: case CURLE_HTTP2_STREAM: case CURLE_SSL_CONNECT_ERROR:
        return 1;
    default:
        return 0;
    }
}

int dy_http_perform(const struct dy_http_request *request, struct dy_http_result *result) {
    memset(result, 0, sizeof *result);
    pthread_once(&load_once, load);
    if (!loaded) {
        snprintf(result->message, sizeof result->message, "%s", load_error);
        result->transport_error = -1;
        return -1;
    }
    CURL *handle = real.easy_init();
    if (handle == NULL) {
        snprintf(result->message, sizeof result->message, "curl_easy_init failed");
        result->transport_error = -1;
        return -1;
    }
    struct exchange exchange = {
        .request = request,
        .memory = { .bytes = request->body, .length = request->body_length, .offset = 0 },
    };
    char error[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers = NULL;
    for (size_t i = 0; i < request->header_count; i++)
        headers = real.slist_append(headers, request->headers[i]);
    // curl would wait a second for "100 Continue" before a large body; registries answer at once.
    headers = real.slist_append(headers, "Expect:");

    real.easy_setopt(handle, CURLOPT_URL, request->url);
    real.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // threads pull layers side by side
    // 256 KiB per read instead of curl's 16 KiB: a layer is written and hashed in 16x fewer calls.
    real.easy_setopt(handle, CURLOPT_BUFFERSIZE, 256L * 1024);
    real.easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
    real.easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    real.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    real.easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    real.easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_body);
    real.easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
    real.easy_setopt(handle, CURLOPT_HEADERFUNCTION, write_header);
    real.easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
    real.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, request->connect_timeout_seconds > 0 ? request->connect_timeout_seconds : 30L);
    if (request->low_speed_seconds > 0) {
        real.easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
        real.easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, request->low_speed_seconds);
    }
    if (request->ca_file != NULL) {
        // CAINFO alone would replace the system's roots; CAPATH keeps them trusted as well.
        real.easy_setopt(handle, CURLOPT_CAINFO, request->ca_file);
        real.easy_setopt(handle, CURLOPT_CAPATH, "/etc/ssl/certs");
    }
    if (request->skip_verify) {
        real.easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 0L);
        real.easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (request->client_certificate != NULL) real.easy_setopt(handle, CURLOPT_SSLCERT, request->client_certificate);
    if (request->client_key != NULL) real.easy_setopt(handle, CURLOPT_SSLKEY, request->client_key);
    if (request->resume_from > 0) real.easy_setopt(handle, CURLOPT_RESUME_FROM_LARGE, (curl_off_t)request->resume_from);

    const char *method = request->method;
    int has_body = request->body != NULL || request->body_source != NULL;
    if (strcmp(method, "HEAD") == 0) {
        real.easy_setopt(handle, CURLOPT_NOBODY, 1L);
    } else if (has_body) {
        curl_off_t length = request->body_source != NULL ? (curl_off_t)request->body_source_length
                                                         : (curl_off_t)request->body_length;
        real.easy_setopt(handle, CURLOPT_UPLOAD, 1L);
        real.easy_setopt(handle, CURLOPT_READFUNCTION, read_body);
        real.easy_setopt(handle, CURLOPT_READDATA, &exchange);
        real.easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, length);
        if (strcmp(method, "PUT") != 0) real.easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method);
    } else if (strcmp(method, "POST") == 0) {
        real.easy_setopt(handle, CURLOPT_POST, 1L);
        real.easy_setopt(handle, CURLOPT_POSTFIELDS, "");
        real.easy_setopt(handle, CURLOPT_POSTFIELDSIZE, 0L);
    } else if (strcmp(method, "GET") != 0) {
        real.easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method);
    }

    CURLcode code = real.easy_perform(handle);
    long status = 0;
    real.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    result->status = status;
    long version = 0;
    real.easy_getinfo(handle, CURLINFO_HTTP_VERSION, &version);
    snprintf(result->http_version, sizeof result->http_version, "%s",
             version == CURL_HTTP_VERSION_2_0 ? "2" : version == CURL_HTTP_VERSION_1_0 ? "1.0" : "1.1");
    char *address = NULL;
    if (real.easy_getinfo(handle, CURLINFO_PRIMARY_IP, &address) == CURLE_OK && address != NULL)
        snprintf(result->remote_address, sizeof result->remote_address, "%s", address);
    if (code != CURLE_OK) {
        result->transport_error = (int)code;
        result->retryable = is_retryable(code);
        snprintf(result->message, sizeof result->message, "%s", error[0] ? error : real.easy_strerror(code));
    }
    real.easy_cleanup(handle);
    real.slist_free_all(headers);
    return code == CURLE_OK ? 0 : -1;
}
