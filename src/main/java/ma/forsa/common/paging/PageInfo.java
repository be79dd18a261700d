package ma.forsa.common.paging;

import org.eclipse.microprofile.graphql.Type;

@Type("PageInfo")
public record PageInfo(boolean hasNextPage, String endCursor) {
}
