package dev.neardup.index;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Camera id and capture time parsed from a fixed camera's file name.
 *
 * <p>Two naming schemes are recognised, as the users' cameras write them:
 *
 * <ul>
 *   <li>{@code c10-1623873231583.png}: camera {@code 10}, epoch milliseconds;
 *   <li>{@code c21_2021_03_26__16_44_04.png}: camera {@code 21}, wall-clock time, read as UTC (the
 *       name carries no zone; only the order of frames matters to grouping).
 * </ul>
 *
 * @param camera the camera id as written after the {@code c}
 * @param epochMillis capture time in milliseconds since the epoch
 */
public record CameraFrame(String camera, long epochMillis) {
  private static final Pattern MILLIS = Pattern.compile("c(\\w+?)-(\\d{10,14})\\.[A-Za-z0-9]+");
  private static final Pattern WALL_CLOCK =
      Pattern.compile(
          "c(\\w+?)_(\\d{4})_(\\d{2})_(\\d{2})__(\\d{2})_(\\d{2})_(\\d{2})\\.[A-Za-z0-9]+");

  /** The frame named by {@code file}, or empty when its name follows neither scheme. */
  public static Optional<CameraFrame> parse(Path file) {
    String name = file.getFileName().toString();
    Matcher m = MILLIS.matcher(name);
    if (m.matches()) {
      return Optional.of(new CameraFrame(m.group(1), Long.parseLong(m.group(2))));
    }
    m = WALL_CLOCK.matcher(name);
    if (m.matches()) {
      try {
        LocalDateTime t =
            LocalDateTime.of(
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)),
                Integer.parseInt(m.group(7)));
        return Optional.of(new CameraFrame(m.group(1), t.toInstant(ZoneOffset.UTC).toEpochMilli()));
      } catch (java.time.DateTimeException e) {
        return Optional.empty(); // c1_2021_13_45__... is not a date: treat as an ordinary name
      }
    }
    return Optional.empty();
  }
}
