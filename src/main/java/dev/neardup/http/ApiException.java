package dev.neardup.http;

/**
 * A request the API refuses, with the status and the short error name of the JSON body. Thrown by
 * handlers and turned into {@code {"error": ..., "detail": ...}} by {@link Errors}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  ApiException(int status, String error, String detail) {
    super(detail);
    this.status = status;
    this.error = error;
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  static ApiException badRequest(String detail) {
    return new ApiException(400, "bad request", detail);
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, "not found", detail);
  }
}
