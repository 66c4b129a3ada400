package org.hounsfield.imaging.series;

import java.util.List;

/** One patient (Patient ID and Patient's Name) of a scan and the studies found for it. */
public record Patient(String id, String name, List<Study> studies) {
    public Patient {
        studies = List.copyOf(studies);
    }
}
