package org.hounsfield.imaging.series;

import java.util.List;

/** One study (Study Instance UID) of a scan and its series, in Series Number order. */
public record Study(String uid, String date, String description, List<Series> series) {
    public Study {
        series = List.copyOf(series);
    }
}
