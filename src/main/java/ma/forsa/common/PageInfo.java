package ma.forsa.common;

import org.eclipse.microprofile.graphql.Type;

@Type("PageInfo")
public record PageInfo(boolean hasNextPage, String endCursor) {
}
