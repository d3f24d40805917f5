package com.followthrough.vocabulary;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

final class Ids {

    private Ids() {
    }

    static <E extends Enum<E>> Set<String> of(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.toUnmodifiableSet());
    }

    static <E extends Enum<E>> Optional<E> find(E[] values, Function<E, String> id, String wanted) {
        return Arrays.stream(values).filter(value -> id.apply(value).equals(wanted)).findFirst();
    }
}
