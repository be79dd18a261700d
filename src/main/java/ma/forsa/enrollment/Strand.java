package ma.forsa.enrollment;

public enum Strand {
    EDUCATIONAL, PRE_VOCATIONAL, LIFE_SKILLS
}
