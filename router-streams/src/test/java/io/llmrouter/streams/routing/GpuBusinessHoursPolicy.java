package io.llmrouter.streams.routing;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.llmrouter.streams.RouteCandidate;
import io.llmrouter.streams.RoutingPolicy;
import io.llmrouter.streams.RoutingRequest;

/** The documented example: models labelled {@code gpu} go first from 9 to 17 on weekdays, in the configured zone. */
public final class GpuBusinessHoursPolicy implements RoutingPolicy {

    private volatile ZoneId zone = ZoneId.of("UTC");

    @Override
    public String name() {
        return "gpu-business-hours";
    }

    @Override
    public void configure(Map<String, String> options) {
        zone = ZoneId.of(options.getOrDefault("zone", "UTC"));
    }

    @Override
    public List<RouteCandidate> review(RoutingRequest request, List<RouteCandidate> ranked) {
        ZonedDateTime now = request.now().atZone(zone);
        boolean weekday = now.getDayOfWeek() != DayOfWeek.SATURDAY && now.getDayOfWeek() != DayOfWeek.SUNDAY;
        if (!weekday || now.getHour() < 9 || now.getHour() >= 17) {
            return ranked;
        }
        List<RouteCandidate> gpuFirst = new ArrayList<>(ranked.stream().filter(c -> c.labels().contains("gpu")).toList());
        ranked.stream().filter(c -> !c.labels().contains("gpu")).forEach(gpuFirst::add);
        return gpuFirst;
    }
}
